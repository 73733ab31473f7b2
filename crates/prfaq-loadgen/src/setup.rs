//! Getting an API token from a fresh server the way a person does: open the one-time setup
//! link, create the admin account and its workspace, then create a token from that session.

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
