package postgres_test

import (
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/storetest"
)

func open(t *testing.T) *store.DB {
	url := testenv.Postgres(t)
	db, err := postgres.Open(t.Context(), url)
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestStore(t *testing.T) { storetest.Run(t, open) }
