package dev.customtasks.loop.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code customtasks.dev/v1alpha1 Loop}: a named loop definition that runs reference with
 * {@code customRef.name}; its spec is {@link LoopSpec}.
 */
@Group("customtasks.dev")
@Version("v1alpha1")
@Kind("Loop")
@Plural("loops")
@Singular("loop")
public class Loop extends CustomResource<LoopSpec, Void> implements Namespaced {

  public static final String API_VERSION = "customtasks.dev/v1alpha1";
}
