/**
 * Files kept outside the database: on disk by default, or in S3-compatible object storage. An
 * upload is streamed, measured and checked before it is committed, so a broken one leaves nothing;
 * a download is streamed too, a byte range at a time, with ETag and Range as HTTP has them.
 */
package io.gatehouse.storage;
