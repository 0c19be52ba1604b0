/** JMH benchmarks of the backends on the kernels and the training step of the chapter's net. */
package io.nabla.benchmarks;
