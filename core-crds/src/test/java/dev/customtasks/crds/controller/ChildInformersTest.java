package dev.customtasks.crds.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customtasks.crds.api.customrun.CustomRun;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChildInformersTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final ChildInformers informers = new ChildInformers(now::get);

  @Test
  void theAddedEventOfACreateRecordedIsHeldBackOnce() {
    informers.expectAdd(child("a", "parent-uid"));

    assertThat(informers.passesAdd(child("a", "parent-uid"))).as("our own create's ADDED").isFalse();
    assertThat(informers.passesAdd(child("a", "parent-uid"))).as("the record was consumed").isTrue();
  }

  @Test
  void anotherObjectsAddedEventPasses() {
    informers.expectAdd(child("a", "parent-uid"));

    assertThat(informers.passesAdd(child("b", "parent-uid"))).as("another name").isTrue();
    assertThat(informers.passesAdd(child("a", "other-parent"))).as("another owner").isTrue();
    assertThat(informers.passesAdd(child("a", "parent-uid"))).isFalse();
  }

  @Test
  void aLaterEventOfTheChildForgetsTheRecordOfItsCreateAndPasses() {
    informers.expectAdd(child("a", "parent-uid"));
    informers.expectAdd(child("b", "parent-uid"));

    assertThat(informers.forget(child("a", "parent-uid"))).as("an update passes").isTrue();
    assertThat(informers.forget(child("b", "parent-uid"))).as("a delete passes").isTrue();

    assertThat(informers.expectedAdds()).isZero();
  }

  @Test
  void anAddedEventLaterThanTheKeepingTimePasses() {
    informers.expectAdd(child("a", "parent-uid"));
    now.addAndGet(ChildInformers.KEEP_MILLIS + 1);

    assertThat(informers.passesAdd(child("a", "parent-uid"))).isTrue();
  }

  @Test
  void theInformerOfAKindIsNamedAfterItsPlural() {
    assertThat(ChildInformers.name(CustomRun.class)).isEqualTo("children-customruns");
  }

  private static CustomRun child(String name, String ownerUid) {
    CustomRun run = new CustomRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("test")
        .withOwnerReferences(new OwnerReferenceBuilder().withUid(ownerUid).withKind("PipelineRun").withName("p").build())
        .build());
    return run;
  }
}
