package org.flows4j.bijectors.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class — its jqwik properties and its JUnit tests — with every kernel forced onto the ND4J path, and
 * restores the automatic choice (checked to be the host path) after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(OnNd4jPath.Hook.class)
@AddLifecycleHook(OnNd4jPath.Hook.class)
public @interface OnNd4jPath {

    /** The hook for both engines. */
    final class Hook implements AroundContainerHook, BeforeAllCallback, AfterAllCallback {
        private static void force() {
            Kernels.use(Kernels.Path.ND4J);
        }

        private static void restore() {
            Kernels.use(null);
            if (Kernels.path() != Kernels.Path.HOST) {
                throw new AssertionError("expected the host path after restoring, got " + Kernels.describe());
            }
        }

        @Override
        public void beforeContainer(ContainerLifecycleContext context) {
            force();
        }

        @Override
        public void afterContainer(ContainerLifecycleContext context) {
            restore();
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            force();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            restore();
        }
    }
}
