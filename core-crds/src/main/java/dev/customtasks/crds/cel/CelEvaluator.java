package dev.customtasks.crds.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles and evaluates CEL conditions: a Loop's {@code until}, a pipeline task's CEL
 * {@code when}. Each expression is compiled once per set of declared variables and kept in a
 * bounded cache (least recently used out first); evaluating is then cheap and thread-safe.
 *
 * <p>The environment is CEL's standard one (standard functions and macros: {@code has},
 * {@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter}; {@code size},
 * {@code in}, {@code matches}, {@code startsWith} and so on), as Tekton builds it with
 * {@code cel.NewEnv()} for CEL in {@code when} ({@code EvaluateCEL} in
 * {@code pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go}, tektoncd/pipeline), plus
 * the caller's typed variables, and with comparisons across int, uint and double allowed
 * ({@code 1 < 1.5}), as the CEL spec now defines them. An expression must give a bool.
 */
public final class CelEvaluator {

  /** The default number of compiled expressions kept. */
  public static final int DEFAULT_CACHE_SIZE = 512;

  private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

  private record Key(String expression, Map<String, CelVarType> variables) {
  }

  private final Map<Key, CelCondition> cache;
  private final AtomicLong compilations = new AtomicLong();

  public CelEvaluator() {
    this(DEFAULT_CACHE_SIZE);
  }

  /** @param cacheSize how many compiled expressions to keep (at least 1) */
  public CelEvaluator(int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException("cacheSize must be at least 1, got " + cacheSize);
    }
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, CelCondition> eldest) {
        return size() > cacheSize;
      }
    };
  }

  /**
   * Compiles a condition, or takes it from the cache: check an expression when a run starts, so bad
   * input fails the run at once.
   *
   * @param variables the variables the expression may use, name to type (none for a Tekton
   *     {@code when}, whose references are substituted into the text beforehand)
   * @throws CelExpressionException quoting the expression and CEL's error, for a syntax error, an
   *     undeclared variable, a type error, or a result type that cannot be a bool
   */
  public CelCondition compile(String expression, Map<String, CelVarType> variables) {
    if (expression == null || expression.isBlank()) {
      throw new CelExpressionException(String.valueOf(expression), "is empty");
    }
    Key key = new Key(expression, Collections.unmodifiableMap(new TreeMap<>(variables)));
    synchronized (cache) {
      CelCondition condition = cache.get(key);
      if (condition == null) {
        condition = compileNow(key);
        cache.put(key, condition);
      }
      return condition;
    }
  }

  /** Compiles a condition without variables. */
  public CelCondition compile(String expression) {
    return compile(expression, Map.of());
  }

  /**
   * Compiles (once) and evaluates a condition.
   *
   * @param values the variables' values (see {@link CelVarType} for the Java types each takes)
   * @throws CelExpressionException quoting the expression, for a compile error, a value that does
   *     not fit its declaration, a runtime error (such as a missing map key), or a non-bool result
   */
  public boolean evaluate(String expression, Map<String, CelVarType> variables, Map<String, ?> values) {
    return compile(expression, variables).evaluate(values);
  }

  /** Compiles (once) and evaluates a condition without variables. */
  public boolean evaluate(String expression) {
    return compile(expression).evaluate(Map.of());
  }

  /** How many times an expression was compiled (not taken from the cache): for tests. */
  long compilations() {
    return compilations.get();
  }

  private CelCondition compileNow(Key key) {
    compilations.incrementAndGet();
    CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
    key.variables().forEach((name, type) -> builder.addVar(name, type.celType()));
    CelCompiler compiler = builder.build();
    CelValidationResult result = compiler.compile(key.expression());
    if (result.hasError()) {
      throw new CelExpressionException(key.expression(), "does not compile: " + result.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      CelKind kind = ast.getResultType().kind();
      if (kind != CelKind.BOOL && kind != CelKind.DYN && kind != CelKind.ANY) {
        throw new CelExpressionException(key.expression(),
            "gives " + ast.getResultType().name() + ", not bool");
      }
      Set<String> reads = new TreeSet<>();
      ast.getReferenceMap().values().stream()
          .filter(reference -> reference.overloadIds().isEmpty() && key.variables().containsKey(reference.name()))
          .forEach(reference -> reads.add(reference.name()));
      return new CelCondition(key.expression(), key.variables(), Collections.unmodifiableSet(reads),
          RUNTIME.createProgram(ast));
    } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
      throw new CelExpressionException(key.expression(), "does not compile: " + e.getMessage(), e);
    }
  }
}
