package io.github.flowruns.testsupport.surface.internal;

/** An internal type, for {@code PublicApiSurfaceTest}. */
public final class Hidden {}
