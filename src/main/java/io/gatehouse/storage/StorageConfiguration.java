package io.gatehouse.storage;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageSettings.class)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    FileStore fileStore(StorageSettings settings) {
        if (!settings.s3Selected()) {
            return new DiskFileStore(settings.directory());
        }
        StorageSettings.S3 s3 = settings.s3();
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException("GATEHOUSE_STORAGE=s3 needs a bucket: GATEHOUSE_S3_BUCKET");
        }
        long partSize = s3.partSize().toBytes();
        if (partSize < 5L * 1024 * 1024 || partSize > 512L * 1024 * 1024) {
            throw new IllegalStateException("gatehouse.storage.s3.part-size is between 5MB and 512MB");
        }
        log.info("Files are stored in bucket {} at {}", s3.bucket(), s3.endpoint() == null || s3.endpoint().isBlank() ? "AWS" : s3.endpoint());
        return new S3FileStore(client(s3), s3.bucket(), s3.prefix(), (int) partSize);
    }

    static S3Client client(StorageSettings.S3 s3) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3))
                .forcePathStyle(s3.pathStyle())
                // Checksums only where S3 requires them: not every S3-compatible server knows the newer ones.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s3.endpoint() != null && !s3.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(s3.endpoint().strip()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(StorageSettings.S3 s3) {
        if (s3.accessKey() != null && !s3.accessKey().isBlank()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey() == null ? "" : s3.secretKey()));
        }
        // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, or the machine's role
        return DefaultCredentialsProvider.builder().build();
    }
}
