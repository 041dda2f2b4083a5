-- +goose Up
-- Early warning per issue: when each issue's last spike alert ended, so
-- that one episode alerts once. The hourly counts come from issue_items.
CREATE TABLE issue_spikes (
    issue_id      BIGINT PRIMARY KEY REFERENCES issues (id),
    last_spike_us BIGINT NOT NULL
);

-- +goose Down
DROP TABLE issue_spikes;
