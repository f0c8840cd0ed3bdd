#!/usr/bin/env bash
# LocalStack ready hook (mounted into /etc/localstack/init/ready.d/): the buckets and queue that
# infra/template.yaml creates on AWS, under the names infra/local-env.json uses.
set -euo pipefail

awslocal s3 mb s3://landing
awslocal s3 mb s3://warehouse
# The local landing bucket is not versioned: its events carry no versionId, so the function pins
# its read to the ETag instead (the sample events in infra/events/ rely on that).

queue_arn() {
  awslocal sqs get-queue-attributes --queue-url "$1" --attribute-names QueueArn \
    --output text --query Attributes.QueueArn
}
dlq_url=$(awslocal sqs create-queue --queue-name k2-ingest-dlq --output text --query QueueUrl)
redrive="{\\\"deadLetterTargetArn\\\":\\\"$(queue_arn "$dlq_url")\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}"
queue_url=$(awslocal sqs create-queue --queue-name k2-ingest --output text --query QueueUrl \
  --attributes "{\"VisibilityTimeout\":\"1805\",\"RedrivePolicy\":\"${redrive}\"}")
arn=$(queue_arn "$queue_url")

# The template's four prefixes, so that `awslocal sqs receive-message` shows the real event.
rule() {
  echo "{\"QueueArn\":\"${arn}\",\"Events\":[\"s3:ObjectCreated:*\"],\"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"prefix\",\"Value\":\"$1\"}]}}}"
}
awslocal s3api put-bucket-notification-configuration --bucket landing --notification-configuration \
  "{\"QueueConfigurations\":[$(rule trades/),$(rule quotes/),$(rule asx/trades/),$(rule asx/quotes/)]}"

echo "k2: buckets landing and warehouse, queue k2-ingest: ready"
