package io.k2.ingest.event;

/**
 * One landed object named by an invocation's event, with the SQS message that carried it (null for
 * direct S3 and EventBridge invocations), so that a failure can be reported per message. An SQS
 * message that names no readable object yields an event with a {@code malformed} reason instead.
 */
public record ObjectEvent(String messageId, LandedObject object, String malformed) {

  public ObjectEvent(String messageId, LandedObject object) {
    this(messageId, object, null);
  }

  static ObjectEvent malformed(String messageId, String reason) {
    return new ObjectEvent(messageId, null, reason);
  }
}
