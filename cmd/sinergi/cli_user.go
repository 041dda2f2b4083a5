package main

import (
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/auth"
)

func (c *cli) user(args []string) error {
	return dispatch(args,
		subcommand{"add", c.userAdd},
		subcommand{"passwd", c.userPasswd},
		subcommand{"list", c.userList},
		subcommand{"disable", func(a []string) error { return c.userSetDisabled(a, true) }},
		subcommand{"enable", func(a []string) error { return c.userSetDisabled(a, false) }})
}

func (c *cli) userAdd(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("user add", &cfg)
	var n auth.NewUser
	var agencyRef, role, clearance string
	fs.StringVar(&n.Username, "username", "", "username (a-z, 0-9, . _ -)")
	fs.StringVar(&n.Name, "name", "", "full name")
	fs.StringVar(&n.Email, "email", "", "e-mail address")
	fs.StringVar(&agencyRef, "agency", "", "agency: ID or exact name")
	fs.StringVar(&role, "role", "staf", "role: administrator, pimpinan, kepala_humas, analis, editor, reporter, petugas_ppid, staf")
	fs.StringVar(&clearance, "clearance", "PUBLIK", "clearance: PUBLIK, TERBATAS or RAHASIA")
	fs.StringVar(&n.Language, "language", "id", "language: id or en")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (otherwise one is generated and printed)")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	var err error
	if n.Role, err = access.ParseRole(role); err != nil {
		return usageError{fmt.Errorf("--role: %w", err)}
	}
	if n.Clearance, err = access.ParseLevel(clearance); err != nil {
		return usageError{fmt.Errorf("--clearance: %w", err)}
	}
	if n.Username == "" || agencyRef == "" {
		return usageError{errors.New("--username dan --agency wajib diisi / --username and --agency are required")}
	}
	if n.Name == "" {
		n.Name = n.Username
	}
	generated := !*fromStdin
	if generated {
		n.Password = auth.GeneratePassword()
	} else if n.Password, err = c.readPassword(); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	a, err := resolveAgency(c, m, agencyRef)
	if err != nil {
		return err
	}
	n.AgencyID = a.ID
	u, err := m.Services.Auth.CreateUser(c.ctx, access.SystemActor(), n)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Akun %s (ID %d) dibuat di %s. / Account created.\n", u.Username, u.ID, a.Name)
	if generated {
		fmt.Fprintf(c.stdout, "Kata sandi / password: %s\n", n.Password)
	}
	return nil
}

func (c *cli) userPasswd(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("user passwd", &cfg)
	fromStdin := fs.Bool("password-stdin", false, "read the new password from standard input (otherwise one is generated and printed)")
	positional, err := c.parse(fs, &cfg, args, 1)
	if err != nil {
		return err
	}
	username := positional[0]
	password := auth.GeneratePassword()
	if *fromStdin {
		var err error
		if password, err = c.readPassword(); err != nil {
			return err
		}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	u, err := m.Services.Auth.FindUserByUsername(c.ctx, access.SystemActor(), username)
	if err != nil {
		return err
	}
	if err := m.Services.Auth.SetPassword(c.ctx, access.SystemActor(), u.ID, password); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Kata sandi %s diganti; semua sesinya diakhiri. / Password changed; all sessions ended.\n", u.Username)
	if !*fromStdin {
		fmt.Fprintf(c.stdout, "Kata sandi baru / new password: %s\n", password)
	}
	return nil
}

func (c *cli) userSetDisabled(args []string, disabled bool) error {
	cfg := NewMain().Config
	fs := c.flags("user disable", &cfg)
	positional, err := c.parse(fs, &cfg, args, 1)
	if err != nil {
		return err
	}
	username := positional[0]
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	u, err := m.Services.Auth.FindUserByUsername(c.ctx, access.SystemActor(), username)
	if err != nil {
		return err
	}
	if _, err := m.Services.Auth.SetDisabled(c.ctx, access.SystemActor(), u.ID, disabled); err != nil {
		return err
	}
	if disabled {
		fmt.Fprintf(c.stdout, "Akun %s dinonaktifkan dan semua sesinya diakhiri. / Account disabled, sessions ended.\n", u.Username)
	} else {
		fmt.Fprintf(c.stdout, "Akun %s diaktifkan kembali. / Account enabled.\n", u.Username)
	}
	return nil
}

// userJSON is an account as `user list --json` prints it.
type userJSON struct {
	ID          int64      `json:"id"`
	Username    string     `json:"username"`
	Name        string     `json:"name"`
	Email       string     `json:"email,omitempty"`
	AgencyID    int64      `json:"agency_id"`
	AgencyName  string     `json:"agency_name"`
	Role        string     `json:"role"`
	Clearance   string     `json:"clearance"`
	Language    string     `json:"language"`
	Disabled    bool       `json:"disabled"`
	CreatedAt   time.Time  `json:"created_at"`
	LastLoginAt *time.Time `json:"last_login_at,omitempty"`
}

func (c *cli) userList(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("user list", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	all := fs.Bool("all", true, "include disabled accounts")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	users, _, err := m.Services.Auth.ListUsers(c.ctx, access.SystemActor(), auth.UserFilter{IncludeDisabled: *all, Limit: 10_000})
	if err != nil {
		return err
	}
	if cfg.JSON {
		out := make([]userJSON, 0, len(users))
		for _, u := range users {
			j := userJSON{ID: u.ID, Username: u.Username, Name: u.Name, Email: u.Email, AgencyID: u.AgencyID,
				AgencyName: u.AgencyName, Role: string(u.Role), Clearance: u.Clearance.String(), Language: u.Language,
				Disabled: u.Disabled, CreatedAt: u.CreatedAt}
			if !u.LastLoginAt.IsZero() {
				j.LastLoginAt = &u.LastLoginAt
			}
			out = append(out, j)
		}
		return c.writeJSON(out)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPENGGUNA\tNAMA\tPERAN\tKEWENANGAN\tINSTANSI\tSTATUS")
	for _, u := range users {
		status := "aktif"
		if u.Disabled {
			status = "nonaktif"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Username, u.Name, u.Role, u.Clearance, u.AgencyName, status)
	}
	return tw.Flush()
}

// agencyOrRoot is the agency named by ref, or the only root agency when
// ref is empty.
func agencyOrRoot(c *cli, m *Main, ref string) (*agency.Agency, error) {
	if ref != "" {
		return resolveAgency(c, m, ref)
	}
	var root agency.ID
	roots, _, err := m.Services.Agencies.List(c.ctx, agency.Filter{Parent: &root, Limit: 2})
	if err != nil {
		return nil, err
	}
	switch len(roots) {
	case 1:
		return roots[0], nil
	case 0:
		return nil, usageError{errors.New("belum ada instansi: buat dulu dengan sinergi agency add --region KODE / there is no agency yet: create one first with sinergi agency add --region CODE")}
	}
	return nil, usageError{errors.New("--agency wajib bila ada lebih dari satu instansi puncak / --agency is required when there is more than one root agency")}
}

// resolveAgency finds an agency by ID or by its exact name or short name.
func resolveAgency(c *cli, m *Main, ref string) (*agency.Agency, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return m.Services.Agencies.Find(c.ctx, id)
	}
	list, _, err := m.Services.Agencies.List(c.ctx, agency.Filter{Query: ref, Limit: 1000})
	if err != nil {
		return nil, err
	}
	var found []*agency.Agency
	for _, a := range list {
		if equalFold(a.Name, ref) || equalFold(a.ShortName, ref) {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, fmt.Errorf("instansi / agency %q: %w", ref, sinergi.ErrNotFound)
	}
	return nil, usageError{fmt.Errorf("instansi %q tidak tunggal (%d instansi); sebutkan ID-nya / agency %q is ambiguous (%d agencies); give its ID", ref, len(found), ref, len(found))}
}
