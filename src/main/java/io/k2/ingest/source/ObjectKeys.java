package io.k2.ingest.source;

/**
 * Rules for object keys. Keys are never turned into local paths; these rules keep reports and file
 * names derived from keys unambiguous.
 */
public final class ObjectKeys {

  static final int MAX_KEY_LENGTH = 1024;

  private ObjectKeys() {}

  /** What is wrong with a key, or null when it is acceptable. */
  public static String problem(String key) {
    if (key.length() > MAX_KEY_LENGTH) {
      return "longer than " + MAX_KEY_LENGTH + " characters";
    }
    if (key.startsWith("/")) {
      return "starts with '/'";
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return "contains a '" + segment + "' path segment";
      }
    }
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i))) {
        return "contains a control character at position " + i;
      }
    }
    return null;
  }

  /** The file name without directories and extensions: {@code asx/trades/7078.csv.gz} is 7078. */
  static String stem(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
