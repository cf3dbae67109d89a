package io.gatehouse.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where files go ({@code gatehouse.storage.*}): a directory by default, or an S3-compatible bucket
 * with {@code type=s3}; and the largest file accepted.
 */
@ConfigurationProperties("gatehouse.storage")
record StorageSettings(
        @DefaultValue("disk") String type,
        @DefaultValue("./data/files") Path directory,
        @DefaultValue("20GB") DataSize maxFileSize,
        @DefaultValue S3 s3) {

    record S3(String endpoint, String bucket, @DefaultValue("us-east-1") String region, String accessKey, String secretKey,
            @DefaultValue("true") boolean pathStyle, @DefaultValue("") String prefix, @DefaultValue("8MB") DataSize partSize) {
    }

    boolean s3Selected() {
        if ("s3".equalsIgnoreCase(type)) {
            return true;
        }
        if (type == null || type.isBlank() || "disk".equalsIgnoreCase(type)) {
            return false;
        }
        throw new IllegalStateException("gatehouse.storage.type (GATEHOUSE_STORAGE) is disk or s3, not " + type);
    }
}
