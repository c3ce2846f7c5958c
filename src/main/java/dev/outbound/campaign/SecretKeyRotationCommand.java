package dev.outbound.campaign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar outbound.jar --rotate-secret-key}: re-encrypts the stored webhook secrets under
 * {@code OUTBOUND_NEW_SECRET_KEY} and ends (see {@code OutboundApplication}, which starts no web
 * server, dispatcher or delivery for it). Neither key is ever printed.
 */
@Component
class SecretKeyRotationCommand implements ApplicationRunner {
    static final String OPTION = "rotate-secret-key";
    private static final Logger log = LoggerFactory.getLogger(SecretKeyRotationCommand.class);

    private final SecretKeyRotation rotation;
    private final String newKey;

    SecretKeyRotationCommand(
            SecretKeyRotation rotation, @Value("${" + SecretKeyRotation.NEW_KEY_VARIABLE + ":}") String newKey) {
        this.rotation = rotation;
        this.newKey = newKey;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        int n = rotation.rotate(newKey);
        log.info(
                "Re-encrypted {} webhook secret(s) under {}. Start the service with OUTBOUND_SECRET_KEY set to that"
                        + " key; links in emails already sent stop working (their key derives from it).",
                n,
                SecretKeyRotation.NEW_KEY_VARIABLE);
    }
}
