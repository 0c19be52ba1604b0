/** Nabla: neural-network learning with pluggable matrix backends. This package holds its version. */
package io.nabla;
