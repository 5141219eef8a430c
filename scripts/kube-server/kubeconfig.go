package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// newAdminToken writes a static token file that makes the token's holder a member
// of system:masters, and returns the token.
func newAdminToken(dir string) (token, file string, err error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = hex.EncodeToString(b)
	file = filepath.Join(dir, "tokens.csv")
	line := fmt.Sprintf("%s,armkube-admin,armkube-admin,system:masters\n", token)
	return token, file, os.WriteFile(file, []byte(line), 0o600)
}

// writeKubeconfig writes a kubeconfig for the admin token. The CA is the serving
// certificate bundle the test server generated (certificate and its signing CA).
func writeKubeconfig(path, server, caFile, token string) error {
	ca, err := os.ReadFile(caFile)
	if err != nil {
		return fmt.Errorf("reading serving certificate: %w", err)
	}
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["armkube"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: ca}
	cfg.AuthInfos["armkube-admin"] = &clientcmdapi.AuthInfo{Token: token}
	cfg.Contexts["armkube"] = &clientcmdapi.Context{Cluster: "armkube", AuthInfo: "armkube-admin", Namespace: "default"}
	cfg.CurrentContext = "armkube"
	tmp := path + ".tmp"
	if err := clientcmd.WriteToFile(*cfg, tmp); err != nil {
		return err
	}
	// Renamed into place so a reader never sees half a file.
	return os.Rename(tmp, path)
}
