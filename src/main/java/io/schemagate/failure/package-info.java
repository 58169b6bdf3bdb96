/**
 * The documented exit codes and the one interface a failure carries its code by. Depends
 * on nothing; every package may throw failures that implement it.
 */
package io.schemagate.failure;
