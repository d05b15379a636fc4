/**
 * The cluster's root CA certificate, as the root-ca-cert-publisher puts it in every namespace.
 * Nothing in the playground speaks TLS, so this is a fixed, fake PEM block of the usual size
 * (its bytes are not a valid certificate); it only has to look like what a pod would mount.
 */

/** The PEM of the cluster's (fake) root CA. */
export const ROOT_CA_CERT_PEM =
  '-----BEGIN CERTIFICATE-----\n' +
  'MIIDYj1EbpM/qPsqrgj4HxNjjZBfAKddEzRBFD+3bzYm/cdHFLhyBqEMtO2KdYsu\n' +
  'Yqc3PDaYtGu3OGArtVtOw5T+F3wsX6u5TLD5fBJLjJCj+5+4vb8k/QeZxfoPZ/Jy\n' +
  'vVE4GFGO4Nq/QtZY0qAeBSWr98PwIsJ6UF6XfI3MModgvGM8aZZXUPTz4qDNXiu0\n' +
  'ShSslqOSoP/AZPpDqyxIF9IlbhuAW7zb2gW0HRHPr1yqVNCX2iU7xHkX+5YafVMf\n' +
  '68lzhejBAsfCvZQcZOXJfjuWqnkIsLykywm03r0dTws+lw3q4S4XpYtQAPs6JGVL\n' +
  'N+zWtVrH+sEHpnAU7Zh9QwTLcMKpBgatKXger/daoLwLEfJ+IlqRM60gHp7KcKI7\n' +
  'N2ntGQYlk7x9ZcUHHXjEtBJ7/N/BJ3omNQV4NJtcB/aznFkdX/8fTFAarUD6syQr\n' +
  'FiKmA4avSe5FPPXZac8+sMRpuUxAjVbimgLvJAh06+bq/UR5ykC7qBZhYKF+rXh0\n' +
  'O4IlspTRQpnT+cblbA0imXPyXhUb2SxziyXjrP6PUXW+msCcSdUr+GuoQt4X/gKU\n' +
  'W3C7THaKtyviHD57k+5Ys4lDRNfcqVO6hf51R7mBsbxqPN8VpRgnmfbcAUPvmJEL\n' +
  'ldI81k7YElcjhqd6vD7Jp78tDvdkT23QBUPUHzOEVSRYlCCBi+2/qF3LjI89IojX\n' +
  '7/y58RNC9EN+W6FAdH4GGnjK5u1sit+rf/spArTWNjArG2el1PECRPrrRGqpTspK\n' +
  'OPkBhKP1LurOu8TgDsGMPBosOtzly7sgRQHsnKy5dIIFDr6sRi9JnKVNTowsDidE\n' +
  '94I77CLFhwnba1MQ3GAmnUjkcLXMQYZ3upbSXGvgeJclSv7GNmGE02Jkq31jLLJK\n' +
  'sLFeJBQBid6bw5sC/IZJf5sZ9U4Af4cPturvs7HzSseQUp6G60/qBQCUK6YNcZwq\n' +
  'QRBRw3agOg7YRc+wT8a/tpEh/bOO1pe9GxkMQZ+sjQ8wQZ0dGOA1+oj6ks2f/SM4\n' +
  'dpCP45LKK8PMHatZZd4b1V4d8EsMtZLvW5JiGz5+ZV4=\n' +
  '-----END CERTIFICATE-----\n';
