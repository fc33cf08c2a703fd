package dev.customtasks.wait.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code customtasks.dev/v1alpha1 Wait}: a named wait definition, e.g. a team's deployment window,
 * that runs reference with {@code customRef.name}. Its spec has the same fields as the params.
 */
@Group("customtasks.dev")
@Version("v1alpha1")
@Kind("Wait")
@Plural("waits")
@Singular("wait")
public class Wait extends CustomResource<WaitSpec, Void> implements Namespaced {

  public static final String API_VERSION = "customtasks.dev/v1alpha1";
}
