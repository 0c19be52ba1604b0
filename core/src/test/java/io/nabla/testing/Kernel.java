package io.nabla.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a conformance test with the {@link io.nabla.backend.Backend} kernels it checks. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kernel {
  /** Names of the kernels (methods of {@code Backend}) the test exercises. */
  String[] value();
}
