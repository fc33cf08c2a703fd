package dev.customtasks.matrix.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code customtasks.dev/v1alpha1 Matrix}: a named fan-out (the task to run, its params, the
 * matrix, the parallelism) that runs reference with {@code customRef.name}. The same fields may
 * be embedded in a run's {@code customSpec.spec}; {@code maxParallel}, {@code failFast} and
 * {@code taskRef} may also come from params.
 */
@Group("customtasks.dev")
@Version("v1alpha1")
@Kind("Matrix")
@Plural("matrices")
@Singular("matrix")
public class Matrix extends CustomResource<MatrixSpec, Void> implements Namespaced {

  public static final String API_VERSION = "customtasks.dev/v1alpha1";
}
