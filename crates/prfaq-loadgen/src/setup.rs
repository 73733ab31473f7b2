//! Getting API tokens from a fresh server the way people do: the admin opens the one-time
//! setup link, creates the account and its workspace, then a token from that session; a
//! reviewer joins the workspace through an invitation link the admin creates, then creates a
//! token the same way.

use crate::client::{Error, Http};

/// What the load needs: a token and a workspace to create documents in.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The API token's secret.
    pub token: String,
    /// The workspace's id.
    pub workspace: i64,
}

/// The password of the account the setup creates.
pub const PASSWORD: &str = "load generator password";

/// Follows `setup_link` (as `prfaq serve` prints it) on the server `http` points at.
pub async fn first_account(http: &Http, setup_link: &str) -> Result<Credentials, Error> {
    let token = setup_link.split_once("token=").map(|(_, token)| token).ok_or("the setup link has no token")?;
    let mut browser = http.anonymous();
    let form = browser.get(&format!("/setup?token={token}")).await?;
    browser.remember(&form);
    let fields = [
        ("token", token),
        ("name", "Load Generator"),
        ("email", "load@example.com"),
        ("password", PASSWORD),
        ("workspace", "Load"),
    ];
    let created = browser.post_form("/setup", &fields).await?;
    if !created.status.is_redirection() {
        return Err(format!("setup failed with {}: {}", created.status, created.text()).into());
    }
    browser.remember(&created);
    // Signing in rotates the CSRF token: any page carries the new one.
    let page = browser.get("/login").await?;
    browser.remember(&page);
    let minted = browser.post_json("/api/v1/tokens", &serde_json::json!({"name": "load"})).await?;
    let secret = minted.json()["secret"].as_str().map(str::to_owned);
    let token = secret.ok_or_else(|| format!("creating a token failed with {}: {}", minted.status, minted.text()))?;
    let api = http.clone().with_bearer(token.clone());
    let workspaces = api.get("/api/v1/workspaces").await?.json();
    let workspace = workspaces[0]["workspace"]["id"].as_i64().ok_or("the new account has no workspace")?;
    Ok(Credentials { token, workspace })
}

/// A second person, a member of the load's workspace who reviews its documents.
#[derive(Debug, Clone)]
pub struct Reviewer {
    /// Their API token's secret.
    pub token: String,
    /// Their user id.
    pub user_id: i64,
}

/// Invites a reviewer into `workspace` with `admin` (a client with the admin's token): the
/// admin creates an invitation link, a fresh browser opens it and creates the account (which
/// signs in), then creates a token from that session.
pub async fn reviewer(admin: &Http, workspace: i64) -> Result<Reviewer, Error> {
    let invited =
        admin.post_json(&format!("/api/v1/workspaces/{workspace}/invitations"), &serde_json::json!({})).await?;
    let link = invited.json()["link"].as_str().map(str::to_owned);
    let link =
        link.ok_or_else(|| format!("creating an invitation failed with {}: {}", invited.status, invited.text()))?;
    let secret = link.rsplit_once("/invite/").map(|(_, secret)| secret).ok_or("the invitation link has no secret")?;
    let mut browser = admin.anonymous();
    let page = browser.get(&format!("/invite/{secret}")).await?;
    browser.remember(&page);
    let fields = [("name", "Load Reviewer"), ("email", "reviewer@example.com"), ("password", PASSWORD)];
    let joined = browser.post_form(&format!("/invite/{secret}/join"), &fields).await?;
    if !joined.status.is_redirection() {
        return Err(format!("joining by the invitation failed with {}: {}", joined.status, joined.text()).into());
    }
    browser.remember(&joined);
    let page = browser.get("/login").await?;
    browser.remember(&page);
    let minted = browser.post_json("/api/v1/tokens", &serde_json::json!({"name": "load reviewer"})).await?;
    let created = minted.json();
    match (created["secret"].as_str(), created["user_id"].as_i64()) {
        (Some(secret), Some(user_id)) => Ok(Reviewer { token: secret.to_owned(), user_id }),
        _ => Err(format!("creating the reviewer's token failed with {}: {}", minted.status, minted.text()).into()),
    }
}
