package hardware

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// StorageArgs is the hourly job that charges started weeks of storage (HW-2).
type StorageArgs struct{}

// Kind names the job.
func (StorageArgs) Kind() string { return "hardware_storage_charges" }

// StorageWorker runs RunStorageCharges.
type StorageWorker struct {
	river.WorkerDefaults[StorageArgs]
	Service *Service
}

// Work charges the started storage weeks up to now.
func (w *StorageWorker) Work(ctx context.Context, _ *river.Job[StorageArgs]) error {
	_, err := w.Service.RunStorageCharges(ctx, w.Service.Clock.Now())
	return err
}

// Workers registers the storage worker.
func (m *Module) Workers(w *river.Workers) { river.AddWorker(w, &StorageWorker{Service: m.Service}) }

// PeriodicJobs charges storage every hour (idempotent: one charge per delivery and week).
func (m *Module) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return StorageArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
}
