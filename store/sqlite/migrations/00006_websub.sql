-- +goose Up
-- WebSub: the secret a feed's hub signs its deliveries with (HMAC), chosen
-- by Sinergi when it subscribes.
ALTER TABLE feed_states ADD COLUMN hub_secret TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE feed_states DROP COLUMN hub_secret;
