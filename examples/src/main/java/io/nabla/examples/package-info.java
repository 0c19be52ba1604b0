/** Programs users run. For now the chapter tour; the {@code nabla} command line comes next. */
package io.nabla.examples;
