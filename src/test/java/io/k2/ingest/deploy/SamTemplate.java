package io.k2.ingest.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * {@code infra/template.yaml} as CloudFormation would see it for one set of parameters: the short
 * intrinsic functions ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, {@code !If}, ...) evaluated,
 * conditions decided, {@code AWS::NoValue} dropped. ARNs use account 123456789012 in us-east-1.
 * Enough of CloudFormation for the template's own constructs, not a general implementation.
 */
final class SamTemplate {

  static final Path FILE = Path.of("infra", "template.yaml");
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";
  private static final Object NO_VALUE = new Object();
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final Map<String, Object> root;
  private final Map<String, String> parameters = new HashMap<>();
  private final Map<String, Boolean> conditions = new HashMap<>();

  @SuppressWarnings("unchecked")
  private SamTemplate(Map<String, Object> root, Map<String, String> overrides) {
    this.root = root;
    Map<String, Map<String, Object>> declared =
        (Map<String, Map<String, Object>>) root.getOrDefault("Parameters", Map.of());
    declared.forEach(
        (name, parameter) -> {
          Object fallback = parameter.get("Default");
          parameters.put(name, fallback == null ? null : String.valueOf(fallback));
        });
    parameters.putAll(overrides);
    Map<String, Object> declaredConditions =
        (Map<String, Object>) root.getOrDefault("Conditions", Map.of());
    declaredConditions.forEach(
        (name, condition) -> conditions.put(name, (Boolean) resolve(condition)));
  }

  /** The raw template, intrinsic functions as single-key maps ({@code Fn::Sub}, {@code Ref}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> raw() {
    try (Reader reader = Files.newBufferedReader(FILE)) {
      return (Map<String, Object>) new Yaml(new Intrinsics()).load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE, e);
    }
  }

  /** The template for {@code parameters} over the defaults (parameters without one must be set). */
  static SamTemplate load(Map<String, String> parameters) {
    return new SamTemplate(raw(), parameters);
  }

  String parameter(String name) {
    return parameters.get(name);
  }

  boolean condition(String name) {
    return conditions.get(name);
  }

  /** The resources whose condition holds, by logical id, with every value resolved. */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> resources() {
    Map<String, Map<String, Object>> resolved = new LinkedHashMap<>();
    ((Map<String, Map<String, Object>>) root.get("Resources"))
        .forEach(
            (id, resource) -> {
              String condition = (String) resource.get("Condition");
              if (condition == null || conditions.get(condition)) {
                resolved.put(id, (Map<String, Object>) resolve(resource));
              }
            });
    return resolved;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> globals() {
    Map<String, Object> globals = (Map<String, Object>) root.getOrDefault("Globals", Map.of());
    return (Map<String, Object>) resolve(globals.getOrDefault("Function", Map.of()));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> outputs() {
    return (Map<String, Object>) resolve(root.getOrDefault("Outputs", Map.of()));
  }

  @SuppressWarnings("unchecked")
  private Object resolve(Object node) {
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object value = resolve(item);
        if (value != NO_VALUE) {
          out.add(value);
        }
      }
      return out;
    }
    if (!(node instanceof Map<?, ?>)) {
      return node;
    }
    Map<String, Object> map = (Map<String, Object>) node;
    if (map.size() == 1) {
      Map.Entry<String, Object> only = map.entrySet().iterator().next();
      Object argument = only.getValue();
      switch (only.getKey()) {
        case "Ref":
          return ref((String) argument);
        case "Condition":
          if (argument instanceof String name && conditions.containsKey(name)) {
            return conditions.get(name);
          }
          break;
        case "Fn::Sub":
          return sub(argument);
        case "Fn::GetAtt":
          List<String> target = (List<String>) argument;
          return attribute(target.get(0), target.get(1));
        case "Fn::If":
          List<Object> choice = (List<Object>) argument;
          return resolve(conditions.get((String) choice.get(0)) ? choice.get(1) : choice.get(2));
        case "Fn::Equals":
          List<Object> pair = (List<Object>) resolve(argument);
          return String.valueOf(pair.get(0)).equals(String.valueOf(pair.get(1)));
        case "Fn::Not":
          return !(Boolean) ((List<Object>) resolve(argument)).get(0);
        case "Fn::And":
          return ((List<Object>) resolve(argument)).stream().allMatch(Boolean.TRUE::equals);
        case "Fn::Or":
          return ((List<Object>) resolve(argument)).stream().anyMatch(Boolean.TRUE::equals);
        case "Fn::Join":
          List<Object> join = (List<Object>) argument;
          List<Object> parts = (List<Object>) resolve(join.get(1));
          return String.join((String) join.get(0), parts.stream().map(String::valueOf).toList());
        default:
          break;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          Object resolved = resolve(value);
          if (resolved != NO_VALUE) {
            out.put(key, resolved);
          }
        });
    return out;
  }

  @SuppressWarnings("unchecked")
  private Object ref(String name) {
    switch (name) {
      case "AWS::NoValue":
        return NO_VALUE;
      case "AWS::Partition":
        return "aws";
      case "AWS::Region":
        return REGION;
      case "AWS::AccountId":
        return ACCOUNT;
      case "AWS::StackName":
        return "k2";
      default:
        break;
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    if (name.contains(".")) { // SAM's generated resources, e.g. Function.Alias
      return name;
    }
    Map<String, Object> resource =
        ((Map<String, Map<String, Object>>) root.get("Resources")).get(name);
    if (resource == null) {
      throw new IllegalArgumentException("!Ref to nothing: " + name);
    }
    if ("AWS::S3::Bucket".equals(resource.get("Type"))) {
      return resolve(((Map<String, Object>) resource.get("Properties")).get("BucketName"));
    }
    return name;
  }

  @SuppressWarnings("unchecked")
  private String attribute(String id, String attribute) {
    if (id.contains(".")) { // ${Resource.Attribute} inside !Sub, or "Function.Alias"
      return attribute(id.substring(0, id.indexOf('.')), id.substring(id.indexOf('.') + 1));
    }
    Map<String, Object> resource =
        ((Map<String, Map<String, Object>>) root.get("Resources")).get(id);
    if (resource == null) {
      throw new IllegalArgumentException("!GetAtt of nothing: " + id);
    }
    String type = (String) resource.get("Type");
    Map<String, Object> properties =
        (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    String region = REGION + ":" + ACCOUNT;
    return switch (type + "." + attribute) {
      case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + resolve(properties.get("BucketName"));
      case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + region + ":" + id;
      case "AWS::SQS::Queue.QueueName" -> id;
      case "AWS::Logs::LogGroup.Arn" ->
          "arn:aws:logs:" + region + ":log-group:" + resolve(properties.get("LogGroupName")) + ":*";
      case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + id;
      default -> "arn:aws:" + type + ":" + region + ":" + id + "/" + attribute;
    };
  }

  @SuppressWarnings("unchecked")
  private String sub(Object argument) {
    String text;
    Map<String, Object> variables = Map.of();
    if (argument instanceof List<?> list) {
      text = (String) list.get(0);
      variables = (Map<String, Object>) list.get(1);
    } else {
      text = (String) argument;
    }
    Matcher matcher = SUB.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      Object value =
          variables.containsKey(name)
              ? resolve(variables.get(name))
              : name.contains(".") ? attribute(name, null) : ref(name);
      matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Reads the short forms as the long ones: {@code !Sub x} as {@code {Fn::Sub: x}}. */
  private static final class Intrinsics extends SafeConstructor {

    Intrinsics() {
      super(new LoaderOptions());
      for (String name :
          List.of("Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split")) {
        yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name));
      }
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
    }

    private final class Intrinsic extends AbstractConstruct {

      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          value = "Fn::GetAtt".equals(name) ? List.of(text.split("\\.", 2)) : text;
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        Map<String, Object> call = new HashMap<>();
        call.put(name, value);
        return call;
      }
    }
  }
}
