package dev.customtasks.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7386 merge patch, with the RFC's own examples (appendix A), and its translation to a JSON patch. */
class PatchesTest {

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'a':'b'}                 | {'a':'c'}                 | {'a':'c'}",
      "{'a':'b'}                 | {'b':'c'}                 | {'a':'b','b':'c'}",
      "{'a':'b'}                 | {'a':null}                | {}",
      "{'a':'b','b':'c'}         | {'a':null}                | {'b':'c'}",
      "{'a':['b']}               | {'a':'c'}                 | {'a':'c'}",
      "{'a':'c'}                 | {'a':['b']}               | {'a':['b']}",
      "{'a':{'b':'c'}}           | {'a':{'b':'d','c':null}}  | {'a':{'b':'d'}}",
      "{'a':[{'b':'c'}]}         | {'a':[1]}                 | {'a':[1]}",
      "['a','b']                 | ['c','d']                 | ['c','d']",
      "{'a':'b'}                 | ['c']                     | ['c']",
      "{'a':'foo'}               | null                      | null",
      "{'a':'foo'}               | 'bar'                     | 'bar'",
      "{'e':null}                | {'a':1}                   | {'e':null,'a':1}",
      "[1,2]                     | {'a':'b','c':null}        | {'a':'b'}",
      "{}                        | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}"})
  void mergesAsTheRfcSays(String target, String patch, String expected) {
    assertThat(Patches.mergePatch(json(target), json(patch))).isEqualTo(json(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'metadata':{'annotations':{'a':'b'}}}  | false",
      "{'spec':{'retries':2,'status':'x'}}      | false",
      "{'spec':{'params':[]}}                   | true",
      "{'metadata':{'labels':{'a':null}}}       | true"})
  void onlyPatchesWithArraysOrNullsNeedOurOwnMerge(String patch, boolean ours) {
    assertThat(Patches.replacesOrRemoves(json(patch))).isEqualTo(ours);
  }

  @ParameterizedTest(name = "{0} to {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'spec':{'params':[1,2]},'status':{'x':1}} | {'spec':{'params':[3]},'status':{'x':1}}",
      "{'metadata':{'labels':{'a':'b'}},'spec':{}} | {'metadata':{},'spec':{}}",
      "{'a':1,'b/c':2,'d~e':3}                     | {'a':1}",
      "{'a':1}                                     | {'a':1,'b':{'c':[1]}}"})
  void topLevelReplacementTurnsTheCurrentObjectIntoTheMergedOne(String current, String merged) {
    JsonNode patch = Patches.topLevelReplacement(json(current), json(merged));

    assertThat(JsonPatch.apply(patch, json(current))).isEqualTo(json(merged));
  }

  private static JsonNode json(String singleQuoted) {
    try {
      return Serialization.jsonMapper().readTree(singleQuoted.replace('\'', '"'));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(singleQuoted, e);
    }
  }
}
