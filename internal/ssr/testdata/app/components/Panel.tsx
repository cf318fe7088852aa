export default function Panel({ title }: { title: string }) {
  return <div className="panel">{title}</div>;
}
