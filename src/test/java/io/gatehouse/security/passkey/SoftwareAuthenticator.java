package io.gatehouse.security.passkey;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform authenticator in plain Java: one ES256 passkey, made and used the way a browser's
 * authenticator would (user present and verified, attestation "none"). It answers the options the
 * portal gives with the JSON the page's script would send.
 */
final class SoftwareAuthenticator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final int USER_PRESENT = 0x01;
    private static final int USER_VERIFIED = 0x04;
    private static final int ATTESTED = 0x40;

    private final String origin;
    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private byte[] userHandle;
    private int counter;

    SoftwareAuthenticator(String origin) {
        this.origin = origin;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    String credentialId() {
        return encode(credentialId);
    }

    /** The registration body for {@code POST /account/passkeys}, answering creation options. */
    String register(String optionsJson, String name) {
        JsonNode options = JSON.readTree(optionsJson);
        String rpId = options.get("rp").get("id").asString();
        userHandle = decode(options.get("user").get("id").asString());
        byte[] clientData = clientData("webauthn.create", options.get("challenge").asString());
        byte[] cose = CONVERTER.getCborConverter().writeValueAsBytes(EC2COSEKey.create((ECPublicKey) keys.getPublic(),
                COSEAlgorithmIdentifier.ES256));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        data.write(USER_PRESENT | USER_VERIFIED | ATTESTED);
        data.writeBytes(ByteBuffer.allocate(4).putInt(counter).array());
        data.writeBytes(new byte[16]);
        data.writeBytes(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
        data.writeBytes(credentialId);
        data.writeBytes(cose);
        Map<String, Object> attestation = new LinkedHashMap<>();
        attestation.put("fmt", "none");
        attestation.put("attStmt", Map.of());
        attestation.put("authData", data.toByteArray());
        byte[] attestationObject = CONVERTER.getCborConverter().writeValueAsBytes(attestation);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("attestationObject", encode(attestationObject));
        response.put("clientDataJSON", encode(clientData));
        response.put("transports", java.util.List.of("internal"));
        return JSON.writeValueAsString(Map.of("publicKey", Map.of("label", name, "credential", credential(response))));
    }

    /** The assertion body for {@code POST /login/webauthn}, answering request options. */
    String assertion(String optionsJson) {
        return assertion(optionsJson, credentialId, false);
    }

    /** An assertion whose signature was changed on the way. */
    String tamperedAssertion(String optionsJson) {
        return assertion(optionsJson, credentialId, true);
    }

    /** This authenticator's signature, claiming to be another passkey. */
    String assertionAs(String optionsJson, String otherCredentialId) {
        return assertion(optionsJson, decode(otherCredentialId), false);
    }

    private String assertion(String optionsJson, byte[] claimedId, boolean tamper) {
        JsonNode options = JSON.readTree(optionsJson);
        String rpId = options.get("rpId").asString();
        byte[] clientData = clientData("webauthn.get", options.get("challenge").asString());
        counter++;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        data.write(USER_PRESENT | USER_VERIFIED);
        data.writeBytes(ByteBuffer.allocate(4).putInt(counter).array());
        byte[] authenticatorData = data.toByteArray();
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(authenticatorData);
            signer.update(sha256(clientData));
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (tamper) {
            signature[signature.length - 1] ^= 0x01;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("authenticatorData", encode(authenticatorData));
        response.put("clientDataJSON", encode(clientData));
        response.put("signature", encode(signature));
        response.put("userHandle", encode(userHandle));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", encode(claimedId));
        body.put("rawId", encode(claimedId));
        body.put("type", "public-key");
        body.put("response", response);
        body.put("clientExtensionResults", Map.of());
        body.put("authenticatorAttachment", "platform");
        return JSON.writeValueAsString(body);
    }

    private Map<String, Object> credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", encode(credentialId));
        credential.put("rawId", encode(credentialId));
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("clientExtensionResults", Map.of());
        credential.put("authenticatorAttachment", "platform");
        return credential;
    }

    private byte[] clientData(String type, String challenge) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        return JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] decode(String text) {
        return Base64.getUrlDecoder().decode(text);
    }
}
