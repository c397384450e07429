/**
 * The loopback server and the assertion that every vendor module's Jazzer fuzz harnesses share
 * (test scope only). A harness keeps one {@link io.github.flowruns.testsupport.fuzz.FuzzServer}
 * and one client for all its inputs, sets the server's answer from each input, calls the public
 * client, and checks with {@link io.github.flowruns.testsupport.fuzz.FuzzChecks#onlyThrows} that
 * nothing but a {@code FlowRunsException} comes out. See {@code docs/fuzzing.md}.
 */
package io.github.flowruns.testsupport.fuzz;
