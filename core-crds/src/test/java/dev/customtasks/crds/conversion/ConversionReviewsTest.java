package dev.customtasks.crds.conversion;

import static dev.customtasks.crds.conversion.TektonConversionTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** ConversionReview objects in and out, as kube-apiserver sends them to a CRD's conversion webhook. */
class ConversionReviewsTest {

  @Test
  void convertsEveryObjectInOrder() {
    JsonNode answer = ConversionReviews.answer(json("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview",
         "request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","desiredAPIVersion":"tekton.dev/v1",
          "objects":[
           {"apiVersion":"tekton.dev/v1beta1","kind":"PipelineRun","metadata":{"name":"a","namespace":"ns"},
            "spec":{"pipelineRef":{"name":"p"},"serviceAccountName":"sa","timeout":"1h0m0s"}},
           {"apiVersion":"tekton.dev/v1","kind":"Task","metadata":{"name":"b"},"spec":{"steps":[{"image":"x"}]}}]}}
        """));

    assertThat(answer).isEqualTo(json("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview",
         "response":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
          "convertedObjects":[
           {"apiVersion":"tekton.dev/v1","kind":"PipelineRun","metadata":{"name":"a","namespace":"ns"},
            "spec":{"pipelineRef":{"name":"p"},"timeouts":{"pipeline":"1h0m0s"},
             "taskRunTemplate":{"serviceAccountName":"sa"}}},
           {"apiVersion":"tekton.dev/v1","kind":"Task","metadata":{"name":"b"},"spec":{"steps":[{"image":"x"}]}}],
          "result":{"status":"Success"}}}
        """));
  }

  @Test
  void failsTheReviewWithTheReasonWhenOneObjectCannotBeConverted() {
    JsonNode answer = ConversionReviews.answer(json("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview",
         "request":{"uid":"u1","desiredAPIVersion":"tekton.dev/v1","objects":[
           {"apiVersion":"tekton.dev/v1beta1","kind":"Task","metadata":{"name":"ok"},"spec":{}},
           {"apiVersion":"tekton.dev/v1beta1","kind":"TaskRun","metadata":{"name":"t"},
            "spec":{"resources":{"inputs":[{"name":"src"}]}}}]}}
        """));

    assertThat(answer.get("response")).isEqualTo(json("""
        {"uid":"u1","result":{"status":"Failure","message":"must not set the field(s): spec.resources"}}
        """));
  }

  @Test
  void convertsStoredV1BackToV1beta1() {
    JsonNode answer = ConversionReviews.answer(json("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview",
         "request":{"uid":"u2","desiredAPIVersion":"tekton.dev/v1beta1","objects":[
           {"apiVersion":"tekton.dev/v1","kind":"PipelineRun","metadata":{"name":"r"},
            "spec":{"taskRunTemplate":{"serviceAccountName":"sa"}},"status":{"results":[{"name":"x","value":"1"}]}}]}}
        """));

    assertThat(answer.at("/response/convertedObjects/0")).isEqualTo(json("""
        {"apiVersion":"tekton.dev/v1beta1","kind":"PipelineRun","metadata":{"name":"r"},
         "spec":{"serviceAccountName":"sa"},"status":{"pipelineResults":[{"name":"x","value":"1"}]}}
        """));
  }

  @Test
  void refusesSomethingThatIsNoReview() {
    assertThatIllegalArgumentException().isThrownBy(() -> ConversionReviews.answer(json("{\"kind\":\"Pod\"}")))
        .withMessage("not a ConversionReview: no request");
  }
}
