package io.k2.ingest.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The Allow statements of a role's inline policies in the template, and IAM's matching rules. */
record RolePolicy(String role, List<Statement> statements) {

  /** One statement: its actions and resources, wildcards as IAM reads them. */
  record Statement(String sid, List<String> actions, List<String> resources) {

    boolean allows(IamActions.Need need) {
      return actions.stream().anyMatch(a -> matches(a, need.action(), true))
          && resources.stream().anyMatch(r -> matches(r, need.resource(), false));
    }
  }

  @SuppressWarnings("unchecked")
  static RolePolicy of(SamTemplate template, String functionId) {
    Map<String, Map<String, Object>> resources = template.resources();
    Map<String, Object> function =
        (Map<String, Object>) resources.get(functionId).get("Properties");
    String roleArn = (String) function.get("Role");
    String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    Map<String, Object> properties = (Map<String, Object>) resources.get(role).get("Properties");
    List<Statement> statements = new ArrayList<>();
    for (Map<String, Object> policy : (List<Map<String, Object>>) properties.get("Policies")) {
      Map<String, Object> document = (Map<String, Object>) policy.get("PolicyDocument");
      for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
        if (!"Allow".equals(statement.get("Effect"))) {
          throw new IllegalStateException(
              role + " has a statement that is not Allow: " + statement);
        }
        statements.add(
            new Statement(
                (String) statement.get("Sid"),
                list(statement.get("Action")),
                list(statement.get("Resource"))));
      }
    }
    return new RolePolicy(role, statements);
  }

  boolean allows(IamActions.Need need) {
    return statements.stream().anyMatch(s -> s.allows(need));
  }

  /** IAM wildcards: {@code *} any run of characters, {@code ?} one; actions ignore case. */
  static boolean matches(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    int flags = ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
    return Pattern.compile(regex.toString(), flags).matcher(value).matches();
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Object value) {
    return value instanceof List<?> list ? (List<String>) list : List.of((String) value);
  }
}
