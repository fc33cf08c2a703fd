package dev.customtasks.crds.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

/**
 * The type a caller declares for a variable of a CEL expression, and the Java values that variable
 * takes. Integers of any width are given to CEL as Long, floats as Double, lists and maps element
 * by element.
 */
public enum CelVarType {

  /** {@code bool}: a {@link Boolean}. */
  BOOL(SimpleType.BOOL, "bool"),
  /** {@code int}: a {@link Long} (an Integer, Short or Byte is widened). */
  INT(SimpleType.INT, "int"),
  /** {@code double}: a {@link Double} (a Float, or any integer, is widened). */
  DOUBLE(SimpleType.DOUBLE, "double"),
  /** {@code string}: a {@link String}. */
  STRING(SimpleType.STRING, "string"),
  /** {@code list(dyn)}: a {@link java.util.List} of convertible values. */
  LIST(ListType.create(SimpleType.DYN), "list(dyn)"),
  /** {@code map(string, dyn)}: a {@link java.util.Map} from String to convertible values. */
  MAP(MapType.create(SimpleType.STRING, SimpleType.DYN), "map(string, dyn)"),
  /** {@code dyn}: any convertible value, or null. */
  DYN(SimpleType.DYN, "dyn");

  private final CelType celType;
  private final String celName;

  CelVarType(CelType celType, String celName) {
    this.celType = celType;
    this.celName = celName;
  }

  CelType celType() {
    return celType;
  }

  /** The type as CEL writes it, e.g. {@code map(string, dyn)}. */
  public String celName() {
    return celName;
  }
}
