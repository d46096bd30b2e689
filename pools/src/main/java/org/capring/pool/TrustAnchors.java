package org.capring.pool;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The set of CA certificates a TLS connection trusts, compared by content: two sets are equal exactly when they hold
 * the same certificates (by SHA-256 of their DER encoding), whatever their order, duplicates or objects. A part of
 * the {@link PoolKey}, so a connection verified against one CA set never serves a caller who asked for another.
 * Immutable and thread-safe.
 */
public final class TrustAnchors {
    private final List<X509Certificate> certificates;
    private final List<Fingerprint> fingerprints;

    private TrustAnchors(final List<X509Certificate> certificates, final List<Fingerprint> fingerprints) {
        this.certificates = certificates;
        this.fingerprints = fingerprints;
    }

    /**
     * @param certificates the CA certificates; duplicates count once
     * @return the set
     * @throws NullPointerException     if the collection or an element is null
     * @throws IllegalArgumentException if it is empty (say {@link #none()} explicitly, with
     *                                  {@link PoolKey.CertificateVerification#INSECURE_ACCEPT_ANY}) or a certificate
     *                                  cannot be encoded
     */
    public static TrustAnchors of(final Collection<X509Certificate> certificates) {
        Objects.requireNonNull(certificates, "certificates");
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no CA certificates; say TrustAnchors.none() explicitly");
        }
        final TreeMap<Fingerprint, X509Certificate> sorted = new TreeMap<>();
        for (final X509Certificate certificate : certificates) {
            Objects.requireNonNull(certificate, "certificate");
            try {
                sorted.putIfAbsent(Fingerprint.sha256(certificate.getEncoded()), certificate);
            } catch (final CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode " + certificate.getSubjectX500Principal(), e);
            }
        }
        return new TrustAnchors(List.copyOf(sorted.values()), List.copyOf(sorted.keySet()));
    }

    /**
     * @param certificates the CA certificates
     * @return the set
     * @throws NullPointerException     if an element is null
     * @throws IllegalArgumentException as {@link #of(Collection)}
     */
    public static TrustAnchors of(final X509Certificate... certificates) {
        return of(List.of(certificates));
    }

    /** @return the empty set: trusts no CA (for keys that verify no certificate chain) */
    public static TrustAnchors none() {
        return new TrustAnchors(List.of(), List.of());
    }

    /** @return the certificates in fingerprint order */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** @return the sorted SHA-256 fingerprints: the identity of this set */
    public List<Fingerprint> fingerprints() {
        return fingerprints;
    }

    /** @return whether the set is empty */
    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof TrustAnchors that && fingerprints.equals(that.fingerprints);
    }

    @Override
    public int hashCode() {
        return fingerprints.hashCode();
    }

    @Override
    public String toString() {
        return "TrustAnchors" + new ArrayList<>(fingerprints);
    }
}
