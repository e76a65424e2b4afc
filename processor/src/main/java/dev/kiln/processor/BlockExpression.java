package dev.kiln.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small expression language of {@code @Let}, {@code @If} and {@code @Repeat(rest)}: integer, real
 * and boolean literals, names ({@code filters}, {@code channels}, an enum constant such as
 * {@code SAME}), {@code + - * / %}, comparisons, {@code && || !}, {@code ? :} and parentheses, with
 * Java's precedence. Integers stay integers (Java's division), as block arithmetic such as
 * {@code 4 * filters} must.
 */
final class BlockExpression {
  /** A mistake in an expression, with what to write instead. */
  static final class Mistake extends Exception {
    private static final long serialVersionUID = 1L;
    /** The unknown name, or {@code null} for a syntax or type mistake. */
    final String name;

    Mistake(String message, String name) {
      super(message, null, false, false);
      this.name = name;
    }
  }

  /** An enum constant written by name; the attribute it is given to says which enum. */
  record Constant(String name) {}

  /**
   * A value and the use-site parameter it came from ({@code null} for a literal or {@code channels}),
   * so that a shape problem in the layer it configures points at the parameter the user wrote.
   */
  record Bound(Object value, String origin) {}

  private final String text;
  private final List<String> tokens = new ArrayList<>();
  private int next;
  private Map<String, Bound> scope;
  private String origin;

  private BlockExpression(String text) {
    this.text = text;
  }

  /** Evaluates {@code text} with the names in {@code scope}; other capitalised names are enum constants. */
  static Bound evaluate(String text, Map<String, Bound> scope) throws Mistake {
    BlockExpression e = new BlockExpression(text);
    e.scope = scope;
    e.tokenize();
    if (e.tokens.isEmpty()) {
      throw new Mistake("the expression is empty", null);
    }
    Object value = e.conditional();
    if (e.next < e.tokens.size()) {
      throw new Mistake("unexpected `" + e.tokens.get(e.next) + "`", null);
    }
    return new Bound(value, e.origin);
  }

  private void tokenize() throws Mistake {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isDigit(c) || c == '.') {
        int start = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
            || (text.charAt(i) == '-' && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')))) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else {
        String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
        if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
          tokens.add(two);
          i += 2;
        } else if ("+-*/%<>!?:()".indexOf(c) >= 0) {
          tokens.add(String.valueOf(c));
          i++;
        } else {
          throw new Mistake("unexpected `" + c + "`", null);
        }
      }
    }
  }

  private boolean accept(String token) {
    if (next < tokens.size() && tokens.get(next).equals(token)) {
      next++;
      return true;
    }
    return false;
  }

  private Object conditional() throws Mistake {
    Object condition = or();
    if (!accept("?")) {
      return condition;
    }
    boolean test = bool(condition, "?");
    Object yes = conditional();
    if (!accept(":")) {
      throw new Mistake("`?` without its `:`", null);
    }
    Object no = conditional();
    return test ? yes : no;
  }

  private Object or() throws Mistake {
    Object left = and();
    while (accept("||")) {
      boolean a = bool(left, "||");
      left = bool(and(), "||") || a;
    }
    return left;
  }

  private Object and() throws Mistake {
    Object left = comparison();
    while (accept("&&")) {
      boolean a = bool(left, "&&");
      left = bool(comparison(), "&&") && a;
    }
    return left;
  }

  private Object comparison() throws Mistake {
    Object left = sum();
    for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
      if (accept(op)) {
        Object right = sum();
        if (op.equals("==") || op.equals("!=")) {
          boolean equal = left instanceof Number a && right instanceof Number b
              ? a.doubleValue() == b.doubleValue() : left.equals(right);
          return op.equals("==") == equal;
        }
        double a = number(left, op);
        double b = number(right, op);
        return switch (op) {
          case "<=" -> a <= b;
          case ">=" -> a >= b;
          case "<" -> a < b;
          default -> a > b;
        };
      }
    }
    return left;
  }

  private Object sum() throws Mistake {
    Object left = product();
    while (true) {
      if (accept("+")) {
        left = arithmetic(left, product(), "+");
      } else if (accept("-")) {
        left = arithmetic(left, product(), "-");
      } else {
        return left;
      }
    }
  }

  private Object product() throws Mistake {
    Object left = unary();
    while (true) {
      String op = accept("*") ? "*" : accept("/") ? "/" : accept("%") ? "%" : null;
      if (op == null) {
        return left;
      }
      left = arithmetic(left, unary(), op);
    }
  }

  private Object unary() throws Mistake {
    if (accept("-")) {
      return arithmetic(0, unary(), "-");
    }
    if (accept("!")) {
      return !bool(unary(), "!");
    }
    return primary();
  }

  private Object primary() throws Mistake {
    if (next >= tokens.size()) {
      throw new Mistake("the expression ends too early", null);
    }
    String token = tokens.get(next++);
    if (token.equals("(")) {
      Object value = conditional();
      if (!accept(")")) {
        throw new Mistake("`(` without its `)`", null);
      }
      return value;
    }
    if (Character.isDigit(token.charAt(0)) || token.charAt(0) == '.') {
      try {
        return token.matches("[0-9]+") ? (Object) Integer.parseInt(token) : (Object) Double.parseDouble(token);
      } catch (NumberFormatException e) {
        throw new Mistake("`" + token + "` is not a number", null);
      }
    }
    if (token.equals("true") || token.equals("false")) {
      return Boolean.parseBoolean(token);
    }
    if (Character.isJavaIdentifierStart(token.charAt(0))) {
      Bound bound = scope.get(token);
      if (bound != null) {
        if (origin == null) {
          origin = bound.origin();
        }
        return bound.value();
      }
      if (token.equals(token.toUpperCase(java.util.Locale.ROOT))) {
        return new Constant(token);
      }
      throw new Mistake("`" + token + "` is not defined", token);
    }
    throw new Mistake("unexpected `" + token + "`", null);
  }

  private static Object arithmetic(Object left, Object right, String op) throws Mistake {
    if (left instanceof Integer a && right instanceof Integer b) {
      try {
        return switch (op) {
          case "+" -> Math.addExact(a, b);
          case "-" -> Math.subtractExact(a, b);
          case "*" -> Math.multiplyExact(a, b);
          case "/" -> a / b;
          default -> a % b;
        };
      } catch (ArithmeticException e) {
        throw new Mistake(a + " " + op + " " + b + " is not an int (" + e.getMessage() + ")", null);
      }
    }
    double a = number(left, op);
    double b = number(right, op);
    return switch (op) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> a / b;
      default -> a % b;
    };
  }

  private static double number(Object value, String op) throws Mistake {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new Mistake("`" + op + "` needs numbers, not " + describe(value), null);
  }

  private static boolean bool(Object value, String op) throws Mistake {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new Mistake("`" + op + "` needs true or false, not " + describe(value), null);
  }

  /** A value as a message shows it. */
  static String describe(Object value) {
    return value instanceof Constant c ? c.name() : String.valueOf(value);
  }
}
