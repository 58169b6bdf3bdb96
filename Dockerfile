# schemagate's image: built with the Maven wrapper, run on a JRE as a non-root user.
#   docker build -t schemagate .
#   docker run --rm -e DATABASE_URL=postgresql://user:pass@host:5432/db schemagate migrate

# Build stage: the jar, then its layers (dependencies, loader, snapshots, application).
# ~/.m2 is a build cache (BuildKit or podman), so a rebuild downloads nothing again.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/main/ src/main/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -Dmaven.test.skip=true \
 && java -Djarmode=tools -jar target/schemagate-*.jar extract --layers \
        --application-filename app.jar --destination /layers

# Runtime stage: a Java 25 JRE (for its AOT cache, below; the jar itself needs Java 17+),
# the layers from least to most often changed (a code change re-ships only the last
# one), and the launcher. The JVM sizes its heap from the container's memory limit
# (-XX:MaxRAMPercentage in entrypoint); JAVA_OPTS overrides it.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 schemagate \
 && useradd --system --uid 10001 --gid schemagate --home-dir /app --shell /usr/sbin/nologin schemagate
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY entrypoint ./entrypoint
# Training step: a start of serve that stops once its context is refreshed (no database
# needed) and writes app.aot, the JDK's AOT cache of every class it loaded and linked.
# Every start maps it instead of loading, verifying and linking those classes again:
# time to ready ~0.3x of a plain java -jar (bench/run). It costs a ~70 MB layer that a
# code change rebuilds along with the application layer; a stale cache is skipped.
RUN ["/app/entrypoint", "cds-archive"]
USER 10001:10001
# The API (SERVER_PORT), and health, info and metrics (MANAGEMENT_SERVER_PORT).
EXPOSE 8080 8081
# A shell-level HTTP GET of the readiness endpoint on the management port: milliseconds,
# no curl, no second JVM.
HEALTHCHECK --interval=10s --timeout=3s --start-period=2m --retries=3 CMD ["/app/entrypoint", "healthcheck"]
ENTRYPOINT ["/app/entrypoint"]
CMD ["serve"]
