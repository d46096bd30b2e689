package org.capring.pool;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate chain and private key a TLS client presents, compared by fingerprint: two identities are equal
 * exactly when their chains hold the same certificates in the same order and their keys have the same encoding.
 * {@link #toString} names the leaf subject and fingerprints, never the key. Immutable and thread-safe.
 */
public final class ClientIdentity {
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final List<Fingerprint> chainFingerprints;
    private final Fingerprint keyFingerprint;

    private ClientIdentity(final PrivateKey privateKey, final List<X509Certificate> chain,
                           final List<Fingerprint> chainFingerprints, final Fingerprint keyFingerprint) {
        this.privateKey = privateKey;
        this.chain = chain;
        this.chainFingerprints = chainFingerprints;
        this.keyFingerprint = keyFingerprint;
    }

    /**
     * @param privateKey the key of the leaf certificate
     * @param chain      the leaf certificate first, then its issuers
     * @return the identity
     * @throws NullPointerException     if an argument or a certificate is null
     * @throws IllegalArgumentException if the chain is empty, or the key or a certificate has no encoding
     */
    public static ClientIdentity of(final PrivateKey privateKey, final List<X509Certificate> chain) {
        Objects.requireNonNull(privateKey, "privateKey");
        final List<X509Certificate> copy = List.copyOf(chain);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a client identity needs at least its leaf certificate");
        }
        final byte[] encodedKey = privateKey.getEncoded();
        if (encodedKey == null) {
            throw new IllegalArgumentException("the private key has no encoding to fingerprint");
        }
        try {
            final Fingerprint[] prints = new Fingerprint[copy.size()];
            for (int i = 0; i < prints.length; i++) {
                prints[i] = Fingerprint.sha256(copy.get(i).getEncoded());
            }
            return new ClientIdentity(privateKey, copy, List.of(prints), Fingerprint.sha256(encodedKey));
        } catch (final CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode a certificate of the chain", e);
        }
    }

    /** @return the private key, for the connector's key manager */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return the chain, leaf first */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** @return the leaf certificate's fingerprint */
    public Fingerprint leafFingerprint() {
        return chainFingerprints.getFirst();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ClientIdentity that && keyFingerprint.equals(that.keyFingerprint)
            && chainFingerprints.equals(that.chainFingerprints);
    }

    @Override
    public int hashCode() {
        return chainFingerprints.hashCode();
    }

    @Override
    public String toString() {
        return "ClientIdentity[" + chain.getFirst().getSubjectX500Principal().getName() + " cert "
            + leafFingerprint() + "]";
    }
}
