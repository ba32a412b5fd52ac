package io.exactsuite.common.ids;

import java.security.SecureRandom;

/** Unguessable, readable codes (payment references, order numbers) in Crockford base32: no I, L, O or U. */
public final class RandomCodes {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    /**
     * Initialised when first used, at run time also in a native executable (quarkus.native.additional-build-args in
     * common's microprofile-config.properties): a SecureRandom built into the image would be seeded at build time.
     */
    private static final class Source {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private RandomCodes() {
    }

    /** {@code length} random Crockford base32 characters: 5 bits of entropy each. */
    public static String crockford(int length) {
        char[] code = new char[length];
        for (int i = 0; i < length; i++) {
            code[i] = CROCKFORD[Source.RANDOM.nextInt(CROCKFORD.length)];
        }
        return new String(code);
    }
}
