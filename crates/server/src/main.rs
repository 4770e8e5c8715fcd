use clap::Parser;
use tandem_server::cli::Cli;

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(cli.run())
}
