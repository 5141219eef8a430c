// kube-server starts a real kube-apiserver in-process, the way Kubernetes'
// integration tests do (cmd/kube-apiserver/app/testing.StartTestServer), backed
// by an embedded etcd, on loopback only. It writes a kubeconfig with an admin
// token, prints one "ready" line on stdout and runs until SIGTERM or SIGINT (or,
// with -exit-on-stdin-close, until its parent closes stdin), then stops cleanly.
//
// Usage: kube-server -kubeconfig PATH [-etcd-port N] [-log FILE] [-- kube-apiserver flags]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"k8s.io/apiserver/pkg/storage/storagebackend"
	"k8s.io/klog/v2"
	kubeapiservertesting "k8s.io/kubernetes/cmd/kube-apiserver/app/testing"
)

func main() {
	kubeconfig := flag.String("kubeconfig", "", "where to write the admin kubeconfig (required)")
	etcdPort := flag.Int("etcd-port", 0, "loopback port of the embedded etcd (0: a free one)")
	logFile := flag.String("log", "", "file for the server's logs (default: stderr)")
	maxLifetime := flag.Duration("max-lifetime", 3*time.Hour, "stop by itself after this long, so a lost server never lingers")
	stdinClose := flag.Bool("exit-on-stdin-close", false, "stop when stdin reaches end of file (the parent went away)")
	flag.Parse()
	if *kubeconfig == "" {
		fail(fmt.Errorf("-kubeconfig is required"))
	}
	if err := run(*kubeconfig, *etcdPort, *logFile, *maxLifetime, *stdinClose, flag.Args()); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "kube-server: error: %v\n", err)
	os.Exit(1)
}

func run(kubeconfig string, etcdPort int, logFile string, maxLifetime time.Duration, stdinClose bool, apiserverFlags []string) (err error) {
	var logw io.Writer = os.Stderr
	if logFile != "" {
		// Append mode: etcd opens the same file for its own log.
		f, err := os.OpenFile(logFile, os.O_CREATE|os.O_WRONLY|os.O_TRUNC|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		logw = f
	}
	quietKlog(logw)

	work, err := os.MkdirTemp("", "armkube-kube-server-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	// Signals from the start: one that comes before the server is ready still removes the
	// temporary folder (etcd's data) before the program exits.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	ready := make(chan struct{})
	go func() {
		select {
		case s := <-signals:
			fmt.Fprintf(os.Stderr, "kube-server: error: stopped by %s before it was ready\n", s)
			os.RemoveAll(work)
			os.Exit(1)
		case <-ready:
		}
	}()

	etcd, etcdURL, err := startEtcd(filepath.Join(work, "etcd"), etcdPort, logFile)
	if err != nil {
		return err
	}
	defer func() {
		etcd.Close()
		<-etcd.Server.StopNotify()
	}()

	token, tokenFile, err := newAdminToken(work)
	if err != nil {
		return err
	}

	tb := newServerTB(logw, work)
	defer tb.runCleanups()
	server, err := startAPIServer(tb, etcdURL, append([]string{"--token-auth-file=" + tokenFile}, apiserverFlags...))
	if err != nil {
		return err
	}
	defer server.TearDownFn()

	serverURL := fmt.Sprintf("https://127.0.0.1:%d", server.ServerOpts.SecureServing.BindPort)
	if err := writeKubeconfig(kubeconfig, serverURL, server.ServerOpts.SecureServing.ServerCert.CertKey.CertFile, token); err != nil {
		return err
	}
	defer os.Remove(kubeconfig)
	close(ready)
	fmt.Printf("kube-server: ready %s kubeconfig=%s\n", serverURL, kubeconfig)

	reason := waitForStop(signals, maxLifetime, stdinClose)
	fmt.Printf("kube-server: stopping (%s)\n", reason)
	return nil
}

// startAPIServer calls StartTestServer and turns its panics (flag parse errors,
// t.Fatalf) into an error, so a bad start gives one message instead of a trace.
func startAPIServer(tb *serverTB, etcdURL string, flags []string) (server kubeapiservertesting.TestServer, err error) {
	defer func() {
		if r := recover(); r != nil {
			if fe, ok := r.(fatalError); ok {
				err = fmt.Errorf("kube-apiserver failed to start: %s", fe.msg)
			} else {
				err = fmt.Errorf("kube-apiserver failed to start: %v", r)
			}
		}
	}()
	storage := storagebackend.NewDefaultConfig("/registry", nil)
	storage.Transport.ServerList = []string{etcdURL}
	opts := kubeapiservertesting.NewDefaultTestServerOptions()
	opts.DisableInvariantChecks = true
	server, err = kubeapiservertesting.StartTestServer(tb, opts, flags, storage)
	if err != nil {
		return server, fmt.Errorf("kube-apiserver failed to start: %w", err)
	}
	return server, nil
}

func waitForStop(signals <-chan os.Signal, maxLifetime time.Duration, stdinClose bool) string {
	stdinDone := make(chan struct{})
	if stdinClose {
		go func() {
			io.Copy(io.Discard, os.Stdin)
			close(stdinDone)
		}()
	}
	select {
	case s := <-signals:
		return s.String()
	case <-stdinDone:
		return "stdin closed"
	case <-time.After(maxLifetime):
		return "max lifetime reached"
	}
}

// quietKlog sends every klog line, errors included, to w only (by default klog also copies
// errors to stderr, which would bury the one line this program prints on a failure).
func quietKlog(w io.Writer) {
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	for name, value := range map[string]string{"logtostderr": "false", "alsologtostderr": "false", "stderrthreshold": "FATAL", "legacy_stderr_threshold_behavior": "false"} {
		if fs.Lookup(name) != nil {
			fs.Set(name, value)
		}
	}
	klog.SetOutput(w)
}
