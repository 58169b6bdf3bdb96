package io.schemagate.migration;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/** Where a file stops being text in an encoding: Java's decoders replace bad bytes unless told not to. */
final class StrictDecoding {

	private StrictDecoding() {
	}

	/** The offset of the first byte of {@code bytes} that is not {@code encoding}, or -1 when all are. */
	static int firstInvalidByte(byte[] bytes, Charset encoding) {
		CharsetDecoder decoder = encoding.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(8192);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError()) {
				return in.position();
			}
			if (result.isUnderflow()) {
				return -1;
			}
			out.clear();
		}
	}

	/** The line, counted from 1, that holds byte {@code offset}. */
	static int lineOf(byte[] bytes, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (bytes[i] == '\n') {
				line++;
			}
		}
		return line;
	}

}
