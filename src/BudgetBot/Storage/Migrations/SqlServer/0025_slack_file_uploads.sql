-- Files shared in Slack through files.getUploadURLExternal + upload + files.completeUploadExternal.
-- upload_key says what the file is for (digest-chart:<channel>:<ISO week>): inserted first, it keeps a
-- second chart of the same week from being queued. file_id and upload_url are kept as soon as Slack
-- gives them, so a retry reuses that file and never shares two; completed_at_ms closes the upload.
CREATE TABLE dbo.slack_file_uploads (
    upload_key NVARCHAR(300) NOT NULL CONSTRAINT pk_slack_file_uploads PRIMARY KEY,
    file_id NVARCHAR(100) NULL,
    upload_url NVARCHAR(2000) NULL,
    created_at_ms BIGINT NOT NULL,
    completed_at_ms BIGINT NULL
);
