package dev.outbound.auth;

import java.io.PrintStream;

/**
 * Prints the key made on a fresh store's first start, once. It writes to standard output rather
 * than through SLF4J on purpose: log appenders may copy lines to files and log shippers, and a
 * secret must not end up there. It is the one class allowed to touch {@code System.out}
 * (ArchitectureTest names it).
 */
final class FirstKeyBanner {
    private FirstKeyBanner() {}

    static void print(String key, String organization, String consoleUrl) {
        print(System.out, key, organization, consoleUrl);
    }

    static void print(PrintStream out, String key, String organization, String consoleUrl) {
        out.println(text(key, organization, consoleUrl));
        out.flush();
    }

    static String text(String key, String organization, String consoleUrl) {
        String rule = "=".repeat(78);
        return String.join(
                System.lineSeparator(),
                "",
                rule,
                "  First start: an admin API key was made for organization '" + organization + "'.",
                "  It is shown only this once; only its hash is stored. Keep it somewhere safe.",
                "",
                "    API key:  " + key,
                "    Console:  " + consoleUrl,
                "",
                "  Use it as the Syllable-API-Key header, or sign in to the console with it.",
                rule,
                "");
    }
}
