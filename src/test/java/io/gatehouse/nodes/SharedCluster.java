package io.gatehouse.nodes;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one two-node {@link Cluster} for the whole run, started on first use and
 * stopped when every test has run: each start of a node costs seconds of both cores. A test that
 * kills or stops something brings it back before it ends ({@link Cluster#ensureRunning()}), and each
 * test works in organizations and accounts of its own.
 * <pre>{@code @ExtendWith(SharedCluster.class) class SomethingIT { @BeforeAll static void with(Cluster cluster) {…} } }</pre>
 */
public final class SharedCluster implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Kept in the root context's store, which closes it (an AutoCloseable) after the last test.
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Cluster.class.getName(), key -> {
            try {
                return Cluster.builder().nodes(2).start();
            } catch (Exception e) {
                throw new ParameterResolutionException("The cluster did not start", e);
            }
        }, Cluster.class);
    }
}
