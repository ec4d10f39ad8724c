/**
 * JMH benchmarks. Build with {@code mvn -B -q -DskipTests package -pl nebula-benchmarks -am}, run with
 * {@code java -jar nebula-benchmarks/target/benchmarks.jar <regex> -prof gc}. Figures and how they were
 * taken are recorded in {@code docs/performance.md}.
 *
 * <p>Benchmarks reach internal packages because they run on the class path (the shaded jar).
 */
package dev.nebula4j.benchmarks;
