package dev.customtasks.crds.api.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customtasks.crds.api.UnknownFieldsPreserving;
import java.util.List;

/**
 * One guard of a PipelineTask ({@code when[]}): Tekton's {@code WhenExpression}, either
 * {@code input}/{@code operator}/{@code values} or a {@code cel} expression.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"input", "operator", "values", "cel"})
public class WhenExpression extends UnknownFieldsPreserving {

  public static final String IN = "in";
  public static final String NOT_IN = "notin";

  private String input;
  private String operator;
  private List<String> values;
  private String cel;

  public WhenExpression() {
  }

  public WhenExpression(String input, String operator, List<String> values) {
    this.input = input;
    this.operator = operator;
    this.values = values;
  }

  public static WhenExpression ofCel(String cel) {
    WhenExpression when = new WhenExpression();
    when.setCel(cel);
    return when;
  }

  public String getInput() {
    return input;
  }

  public void setInput(String input) {
    this.input = input;
  }

  public String getOperator() {
    return operator;
  }

  public void setOperator(String operator) {
    this.operator = operator;
  }

  public List<String> getValues() {
    return values;
  }

  public void setValues(List<String> values) {
    this.values = values;
  }

  public String getCel() {
    return cel;
  }

  public void setCel(String cel) {
    this.cel = cel;
  }
}
