package io.k2.ingest.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The IAM actions and resources a served request needs. S3 requests map as S3 authorizes them; REST
 * catalog requests map to the Glue API calls Iceberg's {@code GlueCatalog} makes for the same
 * operation, since with Glue (the template's default) the function calls Glue itself and performs
 * the metadata reads and writes that the REST catalog server makes here on its behalf. A request
 * nothing here maps fails the test: a new kind of call must be thought about, not slip through.
 */
final class IamActions {

  private IamActions() {}

  /** One permission: an action on a resource ARN. */
  record Need(String action, String resource) {}

  static List<Need> of(ServedRequest request, String namespace) {
    return "s3".equals(request.server()) ? s3(request) : glue(request, namespace);
  }

  private static List<Need> s3(ServedRequest request) {
    String path = request.path().substring(1);
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String key = slash < 0 ? "" : path.substring(slash + 1);
    String bucketArn = "arn:aws:s3:::" + bucket;
    Set<String> query = queryNames(request.query());
    String method = request.method();
    if (key.isEmpty()) {
      String action =
          switch (method) {
            case "GET", "HEAD" ->
                query.contains("location")
                    ? "s3:GetBucketLocation"
                    : query.contains("uploads")
                        ? "s3:ListBucketMultipartUploads"
                        : query.contains("versions") ? "s3:ListBucketVersions" : "s3:ListBucket";
            case "PUT" -> "s3:CreateBucket";
            case "DELETE" -> "s3:DeleteBucket";
            // DeleteObjects: the keys are in the body, so the need is stated for any key.
            case "POST" -> query.contains("delete") ? "s3:DeleteObject" : null;
            default -> null;
          };
      if (action == null) {
        throw new IllegalArgumentException("Unmapped S3 request " + request);
      }
      return List.of(
          new Need(action, action.equals("s3:DeleteObject") ? bucketArn + "/*" : bucketArn));
    }
    String objectArn = bucketArn + "/" + key;
    List<Need> needs = new ArrayList<>();
    switch (method) {
      case "GET", "HEAD" -> {
        needs.add(
            new Need(
                query.contains("uploadId")
                    ? "s3:ListMultipartUploadParts"
                    : query.contains("versionId") ? "s3:GetObjectVersion" : "s3:GetObject",
                objectArn));
        // Without ListBucket, S3 answers 403 instead of 404 for a missing key.
        if (request.status() == 404) {
          needs.add(new Need("s3:ListBucket", bucketArn));
        }
      }
      // PutObject, UploadPart, CopyObject's target; Create/CompleteMultipartUpload are POSTs.
      case "PUT", "POST" -> needs.add(new Need("s3:PutObject", objectArn));
      case "DELETE" ->
          needs.add(
              new Need(
                  query.contains("uploadId")
                      ? "s3:AbortMultipartUpload"
                      : query.contains("versionId") ? "s3:DeleteObjectVersion" : "s3:DeleteObject",
                  objectArn));
      default -> throw new IllegalArgumentException("Unmapped S3 request " + request);
    }
    return needs;
  }

  private static List<Need> glue(ServedRequest request, String namespace) {
    String[] parts = request.path().replaceFirst("^/", "").split("/");
    if (parts.length == 0 || !"v1".equals(parts[0])) {
      throw new IllegalArgumentException("Unmapped catalog request " + request);
    }
    String method = request.method();
    String catalog = "arn:aws:glue:" + SamTemplate.REGION + ":" + SamTemplate.ACCOUNT + ":";
    String shape = String.join("/", List.of(parts).subList(1, parts.length));
    String[] names = shape.split("/");
    List<String> actions;
    String database;
    String table = null;
    if (shape.equals("config") || shape.endsWith("/metrics")) {
      return List.of(); // client configuration and metrics reports: no Glue call
    } else if (shape.equals("namespaces")) {
      // Create: the name is in the body; the function only ever uses its configured namespace.
      actions =
          "POST".equals(method) ? List.of("glue:CreateDatabase") : List.of("glue:GetDatabases");
      database = namespace;
    } else if (names.length == 2 && names[0].equals("namespaces")) {
      database = names[1];
      actions =
          "DELETE".equals(method) ? List.of("glue:DeleteDatabase") : List.of("glue:GetDatabase");
    } else if (names.length == 3 && names[2].equals("tables")) {
      database = names[1];
      table = "*"; // a created table's name is in the body
      actions =
          "POST".equals(method)
              // GlueCatalog: default location from the database, refresh, then create.
              ? List.of("glue:GetDatabase", "glue:GetTable", "glue:CreateTable")
              : List.of("glue:GetTables");
    } else if (names.length == 4 && names[2].equals("tables")) {
      database = names[1];
      table = names[3];
      actions =
          switch (method) {
            case "GET", "HEAD" -> List.of("glue:GetTable");
            // A commit: GlueTableOperations reads the table, then swaps the metadata pointer.
            case "POST" -> List.of("glue:GetTable", "glue:UpdateTable");
            case "DELETE" -> List.of("glue:GetTable", "glue:DeleteTable");
            default -> throw new IllegalArgumentException("Unmapped catalog request " + request);
          };
    } else {
      throw new IllegalArgumentException("Unmapped catalog request " + request);
    }
    List<String> resources = new ArrayList<>();
    resources.add(catalog + "catalog");
    resources.add(catalog + "database/" + database);
    if (table != null) {
      resources.add(catalog + "table/" + database + "/" + table);
    }
    List<Need> needs = new ArrayList<>();
    for (String action : actions) {
      for (String resource : resources) {
        needs.add(new Need(action, resource));
      }
    }
    return needs;
  }

  private static Set<String> queryNames(String query) {
    Set<String> names = new HashSet<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        names.add(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
      }
    }
    return names;
  }
}
