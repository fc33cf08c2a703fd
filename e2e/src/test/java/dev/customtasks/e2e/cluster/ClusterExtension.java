package dev.customtasks.e2e.cluster;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Gives tests the {@link ClusterTarget} chosen by {@code -De2e.cluster}, as a parameter of a
 * constructor, a test or a lifecycle method. The target is started once per JVM (a kind cluster
 * takes a minute) and closed by JUnit when the whole run ends.
 *
 * <p>A kind run without a Docker engine aborts every test, so each is reported as skipped with the
 * reason, never as failed. The abort happens per test, not per class: Surefire reports an aborted
 * class as zero tests run and drops the message. So {@code @BeforeAll}/{@code @AfterAll} methods are
 * skipped instead (their {@code ClusterTarget} parameter is then {@code null}, never seen by them).
 */
public final class ClusterExtension implements BeforeAllCallback, TestInstancePreConstructCallback,
    InvocationInterceptor, ParameterResolver {

  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ClusterExtension.class);

  /** Starts the target before any {@code @BeforeAll} method, so that start-up problems show on the class. */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (skipReason().isEmpty()) {
      target(context);
    }
  }

  /** Runs before each test's instance is built, i.e. before anything of the test runs. */
  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    skipReason().ifPresent(Assumptions::abort);
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    proceedUnlessSkipping(invocation);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    proceedUnlessSkipping(invocation);
  }

  private static void proceedUnlessSkipping(Invocation<Void> invocation) throws Throwable {
    if (skipReason().isPresent()) {
      invocation.skip();
    } else {
      invocation.proceed();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == ClusterTarget.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return skipReason().isPresent() ? null : target(extensionContext);
  }

  /** Why the chosen target cannot run here, if it cannot; an unknown {@code e2e.cluster} fails instead. */
  private static Optional<String> skipReason() {
    if (ClusterTargets.selected(System.getProperties()) != TargetChoice.KIND) {
      return Optional.empty();
    }
    return DockerEngine.unreachableReason()
        .map(reason -> "kind target needs a Docker engine; none is reachable here: " + reason + ". Skipping.");
  }

  private static ClusterTarget target(ExtensionContext context) {
    Properties properties = System.getProperties();
    // The root store lives as long as the run and closes what it holds (AutoCloseable) at the end.
    return context.getRoot().getStore(STORE)
        .getOrComputeIfAbsent(ClusterTarget.class, key -> ClusterTargets.from(properties), ClusterTarget.class);
  }
}
