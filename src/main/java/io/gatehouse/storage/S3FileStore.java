package io.gatehouse.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in one bucket of an S3-compatible store. Every upload is a multipart upload, one part in
 * memory at a time: S3 shows nothing of it until it is completed, which happens only once the whole
 * body was read and checked; a rejected or broken upload is aborted and leaves no object.
 */
final class S3FileStore implements FileStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3FileStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;

    S3FileStore(S3Client s3, String bucket, String prefix, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.partSize = partSize;
    }

    @Override
    public StoredObject store(InputStream content, UploadCheck check) {
        Intake intake = new Intake(content, check);
        String key = ObjectKeys.next();
        String objectName = prefix + key;
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectName).contentType("application/octet-stream"))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[partSize];
            // Intake fills the buffer unless the body ended: a short part is the last one.
            for (int n = intake.read(buffer, 0); n > 0; n = n < buffer.length ? 0 : intake.read(buffer, 0)) {
                int length = n;
                int number = parts.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(objectName).uploadId(uploadId).partNumber(number)
                                .contentLength((long) length),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                "application/octet-stream"))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            StoredObject stored = intake.finish(key);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectName).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return stored;
        } catch (RuntimeException e) {
            abort(objectName, uploadId);
            throw e;
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        String objectName = prefix + ObjectKeys.checked(key);
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(b -> b.bucket(bucket).key(objectName).range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new MissingObjectException(key);
        }
    }

    @Override
    public void delete(String key) {
        String objectName = prefix + ObjectKeys.checked(key);
        s3.deleteObject(b -> b.bucket(bucket).key(objectName));
    }

    @Override
    public boolean exists(String key) {
        String objectName = prefix + ObjectKeys.checked(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(objectName));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void abort(String objectName, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectName).uploadId(uploadId));
        } catch (RuntimeException e) {
            // the bucket's lifecycle rule for incomplete multipart uploads clears it later
            log.warn("Could not abort the unfinished upload {} of {}: {}", uploadId, objectName, e.getMessage());
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
