package dev.customtasks.crds.cel;

import com.google.protobuf.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts plain Java values into what CEL-Java's runtime expects: every integer as a
 * {@link Long} (CEL's {@code int}), every floating-point number as a {@link Double}, null as
 * protobuf's {@code NULL_VALUE}, lists and maps converted element by element.
 */
final class CelValues {

  private CelValues() {
  }

  /**
   * Converts the value of a declared variable and checks it against the declaration.
   *
   * @throws IllegalArgumentException naming the variable (and the element) for a value CEL cannot
   *     take or one that does not fit the declared type
   */
  static Object convert(String name, CelVarType type, Object value) {
    Object converted = convert(name, value);
    if (type == CelVarType.DOUBLE && converted instanceof Long l) {
      return l.doubleValue();
    }
    boolean fits = switch (type) {
      case BOOL -> converted instanceof Boolean;
      case INT -> converted instanceof Long;
      case DOUBLE -> converted instanceof Double;
      case STRING -> converted instanceof String;
      case LIST -> converted instanceof List;
      case MAP -> converted instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance);
      case DYN -> true;
    };
    if (!fits) {
      throw new IllegalArgumentException("variable \"" + name + "\" is declared " + type.celName() + " but is "
          + describe(value));
    }
    return converted;
  }

  private static Object convert(String path, Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger big) {
      if (big.bitLength() > 63) {
        throw new IllegalArgumentException(path + " = " + big + " does not fit CEL's int (64 bits)");
      }
      return big.longValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof List<?> list) {
      List<Object> converted = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        converted.add(convert(path + "[" + i + "]", list.get(i)));
      }
      return Collections.unmodifiableList(converted);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> converted = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object key = entry.getKey();
        if (!(key instanceof String || key instanceof Long || key instanceof Integer || key instanceof Boolean)) {
          throw new IllegalArgumentException(path + " has a key " + describe(key)
              + "; CEL map keys are strings, ints or bools");
        }
        String at = path + "[" + (key instanceof String ? "'" + key + "'" : key) + "]";
        converted.put(key instanceof Integer i ? Long.valueOf(i) : key, convert(at, entry.getValue()));
      }
      return Collections.unmodifiableMap(converted);
    }
    throw new IllegalArgumentException(path + " is " + describe(value)
        + "; CEL takes strings, numbers, bools, lists, maps and null");
  }

  private static String describe(Object value) {
    return value == null ? "null" : "a " + value.getClass().getSimpleName() + " (" + value + ")";
  }
}
