package dev.customtasks.e2e.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marks an e2e test class: it runs on the target chosen by {@code -De2e.cluster} and may take a {@link ClusterTarget}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ClusterExtension.class)
public @interface E2ETest {
}
