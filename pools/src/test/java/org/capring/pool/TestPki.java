package org.capring.pool;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates, generated with BouncyCastle when first used (never committed): two CAs, a server certificate
 * for {@code localhost}, {@code server.test} and 127.0.0.1 / ::1 issued by the first CA, and two client identities
 * issued by it. EC P-256 keys keep generation fast.
 */
public final class TestPki {
    private static final AtomicLong SERIALS = new AtomicLong(1000);

    /** The shared set, generated once per test JVM. */
    public static final TestPki SHARED = generate();

    /** The CA that issued the server and client certificates. */
    public final Issued ca;
    /** An unrelated CA: trusting only it must fail against the server. */
    public final Issued otherCa;
    /** The server's certificate (names: localhost, server.test, 127.0.0.1, ::1). */
    public final Issued server;
    /** Client identity A (CN=client-a). */
    public final Issued clientA;
    /** Client identity B (CN=client-b). */
    public final Issued clientB;

    /**
     * A key pair with its certificate.
     *
     * @param key         the private key
     * @param certificate the certificate
     */
    public record Issued(PrivateKey key, X509Certificate certificate) {
        /** @return this as a client identity (chain of its certificate alone) */
        public ClientIdentity identity() {
            return ClientIdentity.of(key, List.of(certificate));
        }
    }

    private TestPki(final Issued ca, final Issued otherCa, final Issued server, final Issued clientA,
                    final Issued clientB) {
        this.ca = ca;
        this.otherCa = otherCa;
        this.server = server;
        this.clientA = clientA;
        this.clientB = clientB;
    }

    private static TestPki generate() {
        try {
            final Issued ca = selfSignedCa("CN=capring test CA");
            final Issued otherCa = selfSignedCa("CN=capring other CA");
            final Issued server = issue(ca, "CN=server.test", new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.dNSName, "server.test"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")}));
            final Issued clientA = issue(ca, "CN=client-a", null);
            final Issued clientB = issue(ca, "CN=client-b", null);
            return new TestPki(ca, otherCa, server, clientA, clientB);
        } catch (final GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate the test PKI", e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Issued selfSignedCa(final String subject)
        throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        final KeyPair pair = keyPair();
        final X500Name name = new X500Name(subject);
        final X509v3CertificateBuilder builder = builder(name, name, pair);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(pair.getPrivate(), sign(builder, pair.getPrivate()));
    }

    private static Issued issue(final Issued issuer, final String subject, final GeneralNames names)
        throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        final KeyPair pair = keyPair();
        final X509v3CertificateBuilder builder = builder(
            X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), new X500Name(subject),
            pair);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        if (names != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        }
        return new Issued(pair.getPrivate(), sign(builder, issuer.key()));
    }

    private static X509v3CertificateBuilder builder(final X500Name issuer, final X500Name subject,
                                                    final KeyPair pair) {
        final Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
            pair.getPublic());
    }

    private static X509Certificate sign(final X509v3CertificateBuilder builder, final PrivateKey signer)
        throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }
}
